machine M {
  initial state A
  final state B
  event go
  on stop from A -> B
}
