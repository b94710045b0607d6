machine Ap {
  initial state Active
  final state Gone
  event wipe
  on wipe from Active -> Gone
}
applet A binds Ap {
  aid 0xD392F000260100000001
  file Token { fid 0x0006 }
  file Other { fid 0x0006 }
}
