machine M {
  var n: 0..99999999999
  initial state A
}
