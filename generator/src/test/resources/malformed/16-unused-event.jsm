machine M {
  initial state A
  final state B
  event go
  event spare
  on go from A -> B
}
