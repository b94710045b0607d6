machine M {
  initial state A
  final state B
  event go
  on go from A -> B
}
monitor W {
  initial state Watching
  on M.go from Watching -> Watching { emit M.go() }
}
