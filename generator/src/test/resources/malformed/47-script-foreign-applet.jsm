role SeiTsm, SpTsm, OtherSp, Se
securitydomain Isd { aid 0xA000000151000000 owner SeiTsm }
securitydomain SpSd { aid 0xA0000001515350 owner SpTsm parent Isd }
securitydomain OtherSd { aid 0xA0000001515351 owner OtherSp parent Isd }
machine Ap {
  initial state Active
  final state Gone
  event wipe
  on wipe from Active -> Gone
}
applet A binds Ap {
  aid 0xD392F000260100000001
  domain SpSd
  command WIPE { cla 0x80 ins 0x14 p1 0x00 p2 0x00 states Active event wipe }
}
protocol Wipe {
  roles OtherSp, Se
  OtherSp -> Se: script Erase under OtherSd to A { WIPE() }
}
