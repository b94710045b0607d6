machine Ap {
  initial state Active
  final state Gone
  event wipe
  on wipe from Active -> Gone
}
applet A binds Ap {
  aid 0xD392F000260100000001
  command WIPE { cla 0x80 ins 0x14 p1 0x00 p2 0x00 states Active secure C_DEC event wipe }
}
