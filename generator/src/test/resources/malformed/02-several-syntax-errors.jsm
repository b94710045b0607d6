enum Color { Red, Green, }
machine M {
  initial state A state B
  event go(x: ) by
  on go from A -> B when x >
  final state C
}
