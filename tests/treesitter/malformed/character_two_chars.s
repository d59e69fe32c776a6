    li a0, 'ab'
