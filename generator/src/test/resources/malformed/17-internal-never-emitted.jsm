machine M {
  initial state A
  final state B
  internal event wake
  on wake from A -> B
}
