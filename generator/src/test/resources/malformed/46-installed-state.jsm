machine Ap {
  initial state Absent
  state Active
  final state Gone
  internal event install
  event wipe
  on install from Absent -> Active
  on wipe from Active -> Gone
}
machine Se {
  initial state Ready
  final state Off
  event installAp
  on installAp from Ready -> Off { emit Ap.install() }
}
applet A binds Ap {
  aid 0xD392F000260100000001
  command WIPE { cla 0x80 ins 0x14 p1 0x00 p2 0x00 states Active event wipe }
}
