machine M {
  initial state A
  state Lost
  final state B
  event go
  on go from A -> B
  on go from Lost -> B
}
