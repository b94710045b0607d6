machine Ap {
  initial state Active
  final state Gone
  event wipe
  on wipe from Active -> Gone
}
applet A binds Ap {
  aid 0xD392F000260100000001
  pin AuthPin { tries 3 length 4..4 charset digits }
  command SIGN { cla 0x80 ins 0x2A p1 0x00 p2 0x80 states Active pin SignPin }
}
