machine Ap {
  initial state Active
  final state Gone
  event wipe
  on wipe from Active -> Gone
}
applet A binds Ap {
  aid 0xD392F000260100000001
  command READ { cla 0x00 ins 0xB0 p1 * p2 * states Active }
  command READ_FIRST { cla 0x00 ins 0xB0 p1 0x00 p2 0x00 states Active }
}
