    load.i64 a0, 8(sp
