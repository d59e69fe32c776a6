    lea.i64 a0, ib32(2)(sp)
