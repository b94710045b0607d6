machine M {
  var level: Level
  initial state A
  final state B
  event go
  on go from A -> B
}
