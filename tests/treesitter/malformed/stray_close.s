    nop )
