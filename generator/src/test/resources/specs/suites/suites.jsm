// The shapes the suites back end must handle: an @unreachable transition, monitors with and
// without hot states, and protocols with alt (with and without else), opt, loop, nesting,
// arguments that are parameters, constants or other expressions, and no fired event at all.
enum Kind { Auth, Sign }
domain Phone
role User, Tsm

fun next(k: Kind): Kind = if k == Auth then Sign else Auth

@req UX-1
machine Slot(ph: Phone, k: Kind) {
  var uses: 0..3
  initial state Empty
  state Full
  event fill(n: 0..3) by Tsm
  event use by User
  event clear by Tsm
  on fill from Empty -> Full { uses = n }
  on use from Full -> Full when uses > 0 { uses = uses - 1 }
  on clear from Full -> Empty { uses = 0 }
  @unreachable "fill always comes first"
  on clear from Empty -> Empty when false
}

@req UX-1
invariant UsesBounded: forall ph: Phone, k: Kind: Slot(ph, k).uses <= 3

@req LIFE-1
monitor NoUseWhenEmpty(ph: Phone) {
  initial state Watching
  on Slot(ph, _).use from Watching -> Watching when Slot(ph, Auth).uses > 3 { fail "too many" }
}

@req LIFE-8
monitor ClearedEventually(ph: Phone) {
  initial state Idle
  hot state Filled
  on Slot(ph, Auth).fill from Idle -> Filled
  on Slot(ph, Auth).clear from Filled -> Idle
}

@req UX-1
protocol Lifecycle(ph: Phone, k: Kind) {
  roles User, Tsm
  Tsm -> User: filled fires Slot(ph, k).fill(2)
  loop "while there are uses" { User -> Tsm: used fires Slot(ph, k).use() }
  opt "the other slot too" {
    Tsm -> User: other fires Slot(ph, next(k)).fill(1)
    alt "used at once" {
      User -> Tsm: usedOther fires Slot(ph, next(k)).use()
    } else "kept" {
      User -> Tsm: nothing
    }
  }
  alt "cleared" { Tsm -> User: cleared fires Slot(ph, k).clear() }
}

protocol Talk(ph: Phone) {
  roles User, Tsm
  User -> Tsm: hello
  Tsm -> User: bye
}

system Default { Phone = 2 }
