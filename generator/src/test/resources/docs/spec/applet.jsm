import "certs.jsm"

@req SYS-6
machine JpkiApplet(ph: Phone) {
  initial state Installed
  state KeysGenerated, Active
  final state Wiped
  event generateKey by SpTsm
  event activate by SpTsm
  event sign by User
  event readCert by App
  event wipe by SpTsm
  event getStatus by App
  on generateKey from Installed -> KeysGenerated
  on activate from KeysGenerated -> Active
  on sign from Active -> Active when Pin(ph, Sign) is Set
  on readCert from Active -> Active
  on wipe from * -> Wiped
  on getStatus from Installed -> Installed
  on getStatus from KeysGenerated -> KeysGenerated
  on getStatus from Active -> Active
}

@req SYS-6, ACC-3
applet JpkiAp binds JpkiApplet {
  aid 0xD392F000260100000001
  domain SpSd
  @req UX-1
  pin AuthPin { tries 3  length 4..4  charset digits  model Pin(ph, Auth) }
  pin SignPin { tries 5  length 6..16  charset upper_alnum  model Pin(ph, Sign) }
  file TokenInfo { fid 0x0006  kind data  access free }
  file SignCert  { fid 0x0001  kind data  access pin SignPin  size 2048 }
  @req CRY-1
  file SignKey   { fid 0x001A  kind key   access pin SignPin }
  file Hidden    { fid 0x00FF  kind data  access never }
  command SELECT_FILE(fid: bytes) {
    cla 0x00 ins 0xA4 p1 0x02 p2 0x0C
    data fid
    le none
    states *
    secure none
    pin none
  }
  @req LIFE-11
  command SIGN(digest: bytes) {
    cla 0x80 ins 0x2A p1 0x00 p2 *
    data digest
    le 0x00
    states Active
    pin selected
    refuse 0x6986, pin 0x6983
    event sign
  }
  command READ(off: byte) { cla 0x00 ins 0xB0 p1 off p2 0x00  le 0x00  states Active  event readCert }
  @req PRE-8
  command GENERATE_KEY(key: KeyRef) {
    cla 0x80 ins 0x46 p1 0x00 p2 key
    states Installed
    secure C_MAC + C_DEC + R_MAC + R_ENC
    refuse secure 0x6988
    event generateKey
  }
  command ACTIVATE { cla 0x80 ins 0x44 p1 0x00 p2 0x00  data 0x0102  states KeysGenerated  secure C_MAC  event activate }
  command WIPE { cla 0x80 ins 0xE4 p1 0x00 p2 0x00  states *  secure C_MAC + C_DEC  event wipe }
  command GET_STATUS { cla 0x80 ins 0xF2 p1 0x00 p2 0x00  le 0x00  states Installed, KeysGenerated, Active  event getStatus }
}

@req LIFE-1
@doc "Issuance of a phone certificate, authorised by the card"
protocol Issuance(p: Person, ph: Phone, t: CertType) {
  roles User, App, SpTsm, Jpki, SE, Box
  User -> App: start
  @req LIFE-1
  App -> SpTsm: apply(t)
  @req PRE-8
  SpTsm -> SE: script Personalize under SpSd to JpkiAp {
    GENERATE_KEY(key = AuthKey) expect 0x9000
    ACTIVATE() expect 0x9000, 0x6985
    SELECT_FILE()
  }
  SE -> SpTsm: keysReady fires JpkiApplet(ph).generateKey(), JpkiApplet(ph).activate()
  alt "card certificate valid" {
    @doc "the CA signed the phone's key"
    Jpki -> SpTsm: issued fires PhoneCert(p, ph, t).issue()
    @doc "reads the certificate back <in full>"
    SpTsm -> SE: script ReadBack under SpSd to JpkiAp { READ(off = 0x10) }
  } else "card certificate revoked" {
    @req PRE-1
    Jpki -> SpTsm: refused
  }
  @req LIFE-3
  opt "old phone holds a certificate" {
    Jpki -> Box: revokeOld
    Box -> Box: check
  }
  @doc "the push gateway may lose it"
  loop "until delivered" {
    Jpki -> App: push(t)
  }
}
