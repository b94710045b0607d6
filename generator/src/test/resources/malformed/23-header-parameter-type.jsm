enum KeyRef { AuthKey = 0x17, SignKey }
machine Ap {
  initial state Active
  final state Gone
  event wipe
  on wipe from Active -> Gone
}
applet A binds Ap {
  aid 0xD392F000260100000001
  command GEN(key: KeyRef) { cla 0x80 ins 0x46 p1 0x00 p2 key states Active }
}
