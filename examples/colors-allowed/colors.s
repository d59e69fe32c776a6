# colors-allowed/colors.s - examples/colors linked with a policy that
# lets color-0 code load from color-3 pages (policy.txt, via link.args):
# main copies the color-3 secret to its stack and prints it.  Stores into
# color 3 stay forbidden.  The program itself is examples/colors's.
    .include    "../colors/colors.s"
