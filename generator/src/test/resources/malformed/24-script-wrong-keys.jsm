role SeiTsm, SpTsm, Se
securitydomain Isd { aid 0xA000000151000000 owner SeiTsm }
machine Ap {
  initial state Active
  final state Gone
  event wipe
  on wipe from Active -> Gone
}
applet A binds Ap {
  aid 0xD392F000260100000001
  domain Isd
  command WIPE { cla 0x80 ins 0x14 p1 0x00 p2 0x00 states Active event wipe }
}
protocol Wipe {
  roles SpTsm, Se
  SpTsm -> Se: script Erase under Isd to A { WIPE() }
}
