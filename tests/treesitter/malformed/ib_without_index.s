    movq.i64 a0, ib64()
