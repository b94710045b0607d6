// A spec with planted faults, for the harness's own tests. Do not fix them.
// - invariant NeverFive fails after Counter(phone1).start(m=1) and five incs: 6 steps, no fewer;
// - protocol Impossible fires start twice in a row, which Counter never allows;
// - transition Counter.fiddle(Counting->Idle) can never be taken and is not marked @unreachable.
domain Phone
role User, Shop

@req UX-1
machine Counter(ph: Phone) {
  var n: 0..7
  var mode: 0..3
  initial state Idle
  state Counting
  event start(m: 0..3) by User
  event inc by User
  event reset by User
  event fiddle(k: 0..3) by Shop
  on start from Idle -> Counting { mode = m }
  on inc from Counting -> Counting when n < 7 && mode > 0 { n = n + 1 }
  on reset from Counting -> Idle { n = 0 }
  on fiddle from Idle -> Idle when k > 0
  on fiddle from Counting -> Counting when k == 0
  on fiddle from Counting -> Idle when k == 3 && n > 7
}

@req UX-1
invariant NeverFive: forall p: Phone: Counter(p).n != 5

protocol Counting(ph: Phone) {
  roles User, Shop
  User -> Shop: begin fires Counter(ph).start(1)
  loop "a few bumps" { User -> Shop: bump fires Counter(ph).inc() }
  opt "the shop fiddles" { Shop -> User: fiddle fires Counter(ph).fiddle(0) }
  alt "keep going" {
    User -> Shop: bump fires Counter(ph).inc()
  } else "stop" {
    User -> Shop: stop fires Counter(ph).reset()
  }
}

protocol Impossible(ph: Phone) {
  roles User, Shop
  User -> Shop: begin fires Counter(ph).start(1)
  User -> Shop: again fires Counter(ph).start(2)
}

system Default { Phone = 2 }
