machine M {
  var ok: bool
  initial state A
  final state B
  event go(ok: bool)
  on go from A -> B when ok
}
