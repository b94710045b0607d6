// Types, roles and keys shared by the docs back end's test spec.

@doc "The two kinds of certificate"
enum CertType { Auth, Sign }
enum KeyRef { AuthKey = 0x17, SignKey = 0x1A }
domain Person, Phone
role User, App, SpTsm, SeiTsm, Jpki, SE, Box

@req UX-1
fun tries(t: CertType): 0..5 = if t == Auth then 3 else 5

system Default { Person = 1  Phone = 2 }

@req STD-1
securitydomain Isd { aid 0xA000000151000000  owner SeiTsm }
@req PRE-8
securitydomain SpSd { aid 0xA0000001515350  owner SpTsm  parent Isd }
