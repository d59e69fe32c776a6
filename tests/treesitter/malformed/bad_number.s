    li a0, 12abc
