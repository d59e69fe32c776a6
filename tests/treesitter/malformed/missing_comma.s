    .set x 5
