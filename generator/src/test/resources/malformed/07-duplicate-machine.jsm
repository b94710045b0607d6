machine M {
  initial state A
}
machine M {
  initial state A
}
