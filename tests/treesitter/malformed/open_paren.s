    add.i64 a0, (a1
