	nop# c
	nop
 x=1;y=2
