// A spec that exercises every rule of the DSL's step semantics (docs/dsl.md), for ModelSemanticsTest.
domain Node
role Env
enum Color { Red, Green, Blue }
system Three { Node = 3 }

fun next(c: Color): Color = if c == Red then Green else if c == Green then Blue else Red

machine Source(n: Node) {
  var sent: 0..3
  var self_node: Node?
  initial state Idle
  state Done
  final state Off
  event fire(c: Color) by Env
  event chain by Env
  event overflow by Env
  event loop by Env
  event sequence by Env
  event knock by Env
  event off by Env
  // emits in order: to Sink(n) first, then to every other node's sink
  on fire from Idle -> Done { emit Sink(n).take(c) for m: Node where m != n { emit Sink(m).take(next(c)) } sent = sent + 1 }
  on chain from Idle -> Done { emit Relay(n).pass() emit Sink(n).take(Blue) emit Gate(n).poke() }
  on overflow from Idle, Done -> Done { sent = sent + 3 }
  on loop from Idle -> Done { emit Relay(n).bounce() }
  on sequence from Idle -> Done { sent = 1 sent = sent + 1 self_node = n }
  on knock from Idle, Done -> Done { emit Gate(n).poke() }
  on off from Idle, Done -> Off
}

machine Relay(n: Node) {
  initial state Ready
  final state Retired
  event pass
  event retire by Env
  internal event bounce
  on retire from Ready -> Retired
  // the relay's own emission queues behind what its sender emitted before it
  on pass from Ready -> Ready { emit Sink(n).take(Red) }
  on bounce from Ready -> Ready { emit self.bounce() }
}

machine Sink(n: Node) {
  var first: Color?
  var last: Color?
  var taken: 0..7
  initial state Empty
  state Full
  internal event take(c: Color)
  event reset by Env
  on take from Empty -> Full { first = c last = c taken = 1 }
  on take from Full -> Full when taken < 2 { last = c taken = taken + 1 }
  on reset from Full -> Empty { first = none last = none taken = 0 }
  // a third take while full is not handled: an unhandled-event violation
}

machine Gate(n: Node) {
  var open: bool
  initial state Shut
  state Ajar
  event toggle(to: bool) by Env
  internal event poke
  // guards read the state before the step; only 'true' is enabled from Shut
  on toggle from Shut -> Ajar when to && !open { open = to }
  on toggle from Ajar -> Shut when !to { open = false }
  on poke from Ajar -> Ajar
  ignore poke in Shut
}

monitor NoBlueFirst(n: Node) {
  initial state Watching
  state Seen
  on Sink(n).take from Watching -> Seen when c == Blue { fail "blue arrived first" }
  on Sink(n).take from Watching -> Seen when c != Blue
}

monitor Liveness {
  initial state Calm
  hot state Waiting
  on Gate(_).toggle from Calm -> Waiting when to
  on Gate(_).toggle from Waiting -> Calm when !to
}

invariant AtMostTwoFull: count(n: Node | Sink(n) is Full) <= 2
invariant GatesConsistent: forall n: Node: (Gate(n) is Ajar) == Gate(n).open

// '-> *': a transition that keeps whichever source state it fired in
machine Lamp(n: Node) {
  var flicks: 0..3
  initial state Off
  state On
  final state Broken
  event flick by Env
  event toggle by Env
  event smash by Env
  on flick from Off, On -> * when flicks < 3 { flicks = flicks + 1 }
  on toggle from Off -> On
  on toggle from On -> Off
  on smash from Off, On -> Broken
}

monitor FlickCount(n: Node) {
  var seen: 0..3
  initial state Counting
  state Done
  on Lamp(n).flick from Counting -> * when seen < 2 { seen = seen + 1 }
  on Lamp(n).flick from Counting -> Done when seen == 2
}
