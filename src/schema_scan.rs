//! Checking JSON *text* against the schema table in one pass, without
//! building a `serde_json::Value` tree.
//!
//! A list page is hundreds of kilobytes; parsing it into a `Value` only to
//! throw the tree away after [`schema::check`](crate::schema::check) cost
//! most of the JS API's time per page (map nodes, key strings, frees), and
//! even serde's streaming visitors spent more time in the size-optimised
//! build than `JSON.parse` did. This scanner is a plain loop over bytes that
//! allocates nothing on success. It answers only yes or no: on no, the
//! caller re-runs the `Value` check, which is slow but names the failing
//! field (or the syntax error), so messages are the same either way.
//!
//! It must never say yes where the `Value` check says no; the tests below
//! and the `decode_responses` fuzz target hold it to that.

use crate::schema::{Field, Kind, Schemas, Ty};

/// Nesting deeper than this is refused, as serde_json refuses it.
const MAX_DEPTH: u32 = 128;

/// Whether `text` is one JSON value whose shape fits `ty`, by the rules of
/// [`schema::check`](crate::schema::check): `null` fits anything, unknown
/// object fields are let through, and an integer is a number without a
/// fraction or exponent that fits in 64 bits.
pub fn fits(schemas: &Schemas, text: &str, ty: Ty) -> bool {
    scan(schemas, text, ty).is_some()
}

/// [`fits`], and when it does, whether `text` holds an integer beyond
/// 2^53 − 1, which a JS number cannot hold ([`crate::wide_int`]): the scan
/// reads every number anyway, so the JS API learns it without a second pass.
pub fn scan(schemas: &Schemas, text: &str, ty: Ty) -> Option<bool> {
    let mut scan = Scan {
        b: text.as_bytes(),
        i: 0,
        schemas,
        depth: 0,
        memo: [EMPTY; MEMO_SLOTS],
        wide: false,
    };
    let fits = scan.value(ty).is_ok() && {
        scan.ws();
        scan.i == scan.b.len()
    };
    fits.then_some(scan.wide)
}

/// The members of the JSON object `text`, in order, as each key and the
/// text of its value; `None` unless `text` is one well-formed object whose
/// keys hold no escapes. Values are checked as JSON, not read: a caller
/// that wants two fields of a small answer (a token's) reads those two
/// without building a `serde_json::Value` of the rest.
pub fn members(text: &str) -> Option<Vec<(&str, &str)>> {
    const NONE: Schemas = Schemas {
        names: &[],
        fields: &[],
        starts: &[],
    };
    let mut scan = Scan {
        b: text.as_bytes(),
        i: 0,
        schemas: &NONE,
        depth: 1,
        memo: [EMPTY; MEMO_SLOTS],
        wide: false,
    };
    let mut out = Vec::new();
    scan.ws();
    scan.eat(b'{').ok()?;
    scan.items(b'}', |s| {
        s.ws();
        s.eat(b'"')?;
        let start = s.i;
        if s.string()? {
            return Err(NoFit);
        }
        let key = text.get(start..s.i - 1).ok_or(NoFit)?;
        s.ws();
        s.eat(b':')?;
        s.ws();
        let from = s.i;
        s.value(Ty::ANY)?;
        out.push((key, text.get(from..s.i).ok_or(NoFit)?));
        Ok(())
    })
    .ok()?;
    scan.ws();
    (scan.i == scan.b.len()).then_some(out)
}

/// No fit, or not JSON: the caller's slow path tells which.
struct NoFit;

type Fit = Result<(), NoFit>;

struct Scan<'a> {
    b: &'a [u8],
    i: usize,
    schemas: &'a Schemas,
    depth: u32,
    memo: [Slot; MEMO_SLOTS],
    /// An integer beyond 2^53 − 1 was read.
    wide: bool,
}

/// A remembered key lookup: in the object schema `tag >> 8`, the key at
/// position `tag & 0xff` was field `field` last time.
#[derive(Clone, Copy)]
struct Slot {
    tag: u32,
    field: u16,
}

const EMPTY: Slot = Slot {
    tag: u32::MAX,
    field: 0,
};

/// Direct-mapped, so a clash only costs a miss. A list page repeats one key
/// order hundreds of times, so after its first item nearly every key is
/// found with one comparison instead of a binary search (the search's
/// `memcmp` calls were a quarter of the scan's time on large pages).
const MEMO_SLOTS: usize = 256;

fn memo_tag(schema: usize, position: usize) -> Option<(u32, usize)> {
    let tag = u32::try_from(schema).ok()?.checked_mul(256)?
        | u32::try_from(position).ok().filter(|&p| p < 256)?;
    Some((
        tag,
        (tag.wrapping_mul(0x9E37_79B1) >> 24) as usize % MEMO_SLOTS,
    ))
}

/// Bytes that end the fast run through a string: the quote, a backslash,
/// and control characters (which JSON forbids raw in strings).
static STOPS: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = true;
        c += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

// The build is optimised for size, which keeps these tiny helpers out of
// line; inlining them is what makes the scan faster than `JSON.parse`.
//
// The readers of whole values (`object`, `array`, `string`, `number`)
// stay out of line on purpose. V8 charges a wasm function's
// tier-up budget by the bytes of every loop body it runs, so with all of
// them inlined into `value` one 20-item page spent the budget and workerd
// compiled the 3 KB function with TurboFan on the first call (5-14 ms of
// CPU, about 2.5 ms of P3's first response). Split, no function reaches
// the budget on a small page; long walks still tier up (BENCHMARKS.md, P3).
// `key` stays inlined into `object`: out of line it cost P1 5-10%.
impl<'a> Scan<'a> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    #[inline(always)]
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.i += 1;
        }
    }

    #[inline(always)]
    fn eat(&mut self, c: u8) -> Fit {
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(NoFit)
        }
    }

    /// Past the four bytes `word`, compared as one integer: `memcmp`
    /// through a slice costs more than the rest of reading a `true`.
    #[inline(always)]
    fn literal(&mut self, word: [u8; 4]) -> Fit {
        match self.b.get(self.i..self.i + 4) {
            Some(&[a, b, c, d]) if u32::from_le_bytes([a, b, c, d]) == u32::from_le_bytes(word) => {
                self.i += 4;
                Ok(())
            }
            _ => Err(NoFit),
        }
    }

    fn value(&mut self, ty: Ty) -> Fit {
        self.ws();
        let want = |ok: bool| if ok { Ok(()) } else { Err(NoFit) };
        let kind = ty.kind();
        match self.peek().ok_or(NoFit)? {
            b'n' => self.literal(*b"null"),
            b't' => {
                want(matches!(kind, Kind::Bool | Kind::Any))?;
                self.literal(*b"true")
            }
            b'f' => {
                want(matches!(kind, Kind::Bool | Kind::Any))?;
                self.i += 1;
                self.literal(*b"alse")
            }
            b'"' => {
                want(matches!(kind, Kind::Str | Kind::Any))?;
                self.i += 1;
                self.string().map(drop)
            }
            b'-' | b'0'..=b'9' => {
                let int = self.number()?;
                want(match kind {
                    Kind::Int => int,
                    Kind::Num | Kind::Any => true,
                    _ => false,
                })
            }
            b'[' => {
                let inner = match kind {
                    Kind::Array(inner) => inner,
                    Kind::Any => Ty::ANY,
                    _ => return Err(NoFit),
                };
                self.nested(|s| s.array(inner))
            }
            b'{' => {
                let schema = match kind {
                    Kind::Ref(idx) => Some((idx, self.schemas.object(idx).ok_or(NoFit)?)),
                    Kind::Any => None,
                    _ => return Err(NoFit),
                };
                self.nested(|s| s.object(schema))
            }
            _ => Err(NoFit),
        }
    }

    fn nested(&mut self, body: impl FnOnce(&mut Self) -> Fit) -> Fit {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(NoFit);
        }
        self.i += 1;
        let fit = body(self);
        self.depth -= 1;
        fit
    }

    /// The elements of an array or the members of an object, from just
    /// after the opening bracket: `item` reads one, this the commas and
    /// the `close` bracket.
    fn items(&mut self, close: u8, mut item: impl FnMut(&mut Self) -> Fit) -> Fit {
        self.ws();
        if self.peek() == Some(close) {
            self.i += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(c) if c == close => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(NoFit),
            }
        }
    }

    #[inline(never)]
    fn array(&mut self, inner: Ty) -> Fit {
        self.items(b']', |s| s.value(inner))
    }

    #[inline(never)]
    fn object(&mut self, schema: Option<(u16, &'a [Field])>) -> Fit {
        let mut hint = 0;
        let mut position = 0;
        self.items(b'}', |s| {
            s.ws();
            s.eat(b'"')?;
            let ty = match schema {
                Some((idx, fields)) => s.key(idx, fields, position, &mut hint)?,
                None => s.string().map(|_| Ty::ANY)?,
            };
            position += 1;
            s.ws();
            s.eat(b':')?;
            s.value(ty)
        })
    }

    /// Past a key of object schema `idx` (from just after its opening
    /// quote), the `position`-th of its object; the type its value must
    /// have. `hint` is the field after the one matched last.
    #[inline(always)]
    fn key(
        &mut self,
        idx: u16,
        fields: &'a [Field],
        position: usize,
        hint: &mut usize,
    ) -> Result<Ty, NoFit> {
        let memo = memo_tag(usize::from(idx), position);
        // The remembered name followed by the closing quote is the whole
        // key: memo names came from keys without escapes, so they hold no
        // quote or backslash to misread.
        let remembered = memo
            .filter(|&(tag, slot)| self.memo[slot].tag == tag)
            .map(|(_, slot)| usize::from(self.memo[slot].field))
            .and_then(|k| {
                let f = fields.get(k)?;
                Some((k, f, self.schemas.name(f)))
            })
            .filter(|&(_, _, name)| self.key_is(name));
        if let Some((k, f, name)) = remembered {
            self.i += name.len() + 1;
            *hint = k + 1;
            return Ok(f.ty());
        }
        let start = self.i;
        let escaped = self.string()?;
        let raw = &self.b[start..self.i - 1];
        let Some(k) = field(self.schemas, fields, *hint, raw, escaped) else {
            return Ok(Ty::ANY);
        };
        if let (Some((tag, slot)), Ok(field), false) = (memo, u16::try_from(k), escaped) {
            self.memo[slot] = Slot { tag, field };
        }
        *hint = k + 1;
        Ok(fields[k].ty())
    }

    /// Whether the key starting here is exactly `name`.
    #[inline(always)]
    fn key_is(&self, name: &[u8]) -> bool {
        let end = self.i + name.len();
        self.b.get(end) == Some(&b'"') && same(&self.b[self.i..end], name)
    }

    /// Past a string's closing quote, from just after its opening one;
    /// says whether it held escapes.
    #[inline(never)]
    fn string(&mut self) -> Result<bool, NoFit> {
        let mut escaped = false;
        loop {
            self.skip_plain();
            let run = self.b[self.i..]
                .iter()
                .position(|&c| STOPS[c as usize])
                .ok_or(NoFit)?;
            self.i += run;
            match self.b[self.i] {
                b'"' => {
                    self.i += 1;
                    return Ok(escaped);
                }
                b'\\' => {
                    escaped = true;
                    self.i += 1;
                    match self.peek().ok_or(NoFit)? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.i += 1,
                        b'u' => match self.hex_escape()? {
                            // A surrogate pair, as serde_json insists.
                            0xD800..=0xDBFF => {
                                self.eat(b'\\')?;
                                if self.peek() != Some(b'u')
                                    || !(0xDC00..=0xDFFF).contains(&self.hex_escape()?)
                                {
                                    return Err(NoFit);
                                }
                            }
                            0xDC00..=0xDFFF => return Err(NoFit),
                            _ => {}
                        },
                        _ => return Err(NoFit),
                    }
                }
                _ => return Err(NoFit),
            }
        }
    }

    /// Skip string bytes eight at a time while none of them is a stop:
    /// most of a page is string content, so this loop is most of the scan.
    #[inline(always)]
    fn skip_plain(&mut self) {
        const ONES: u64 = u64::from_le_bytes([1; 8]);
        const HIGH: u64 = ONES << 7;
        while let Some(chunk) = self.b.get(self.i..self.i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            // The classic "has a zero byte" test, for x ^ '"', x ^ '\\'
            // and x < 0x20; its lowest flagged byte is always exact.
            let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
            let stops = zero(x ^ (ONES * u64::from(b'"')))
                | zero(x ^ (ONES * u64::from(b'\\')))
                | (x.wrapping_sub(ONES * 0x20) & !x & HIGH);
            if stops != 0 {
                self.i += (stops.trailing_zeros() / 8) as usize;
                return;
            }
            self.i += 8;
        }
    }

    /// Past `uXXXX` (the `u` is next); the code unit it names.
    fn hex_escape(&mut self) -> Result<u32, NoFit> {
        let hex = self.b.get(self.i + 1..self.i + 5).ok_or(NoFit)?;
        let mut unit = 0;
        for &h in hex {
            unit = unit * 16 + (h as char).to_digit(16).ok_or(NoFit)?;
        }
        self.i += 5;
        Ok(unit)
    }

    /// Past a number; says whether serde_json would read it as a 64-bit
    /// integer (no fraction or exponent, within `i64::MIN..=u64::MAX`, and
    /// not `-0`).
    #[inline(never)]
    fn number(&mut self) -> Result<bool, NoFit> {
        let begin = self.i;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.i += 1;
        }
        let digits = |s: &mut Self| {
            let start = s.i;
            while let Some(b'0'..=b'9') = s.peek() {
                s.i += 1;
            }
            s.i - start
        };
        let start = self.i;
        let n = digits(self);
        if n == 0 || (n > 1 && self.b[start] == b'0') {
            return Err(NoFit);
        }
        let mut int = true;
        if self.peek() == Some(b'.') {
            self.i += 1;
            if digits(self) == 0 {
                return Err(NoFit);
            }
            int = false;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if digits(self) == 0 {
                return Err(NoFit);
            }
            int = false;
        }
        if int {
            let mut magnitude: u64 = 0;
            for &d in &self.b[start..start + n] {
                match magnitude
                    .checked_mul(10)
                    .and_then(|m| m.checked_add(u64::from(d - b'0')))
                {
                    Some(m) => magnitude = m,
                    None => {
                        self.wide = true;
                        return self.float(begin);
                    }
                }
            }
            self.wide |= crate::wide_int::beyond_safe(magnitude);
            // serde_json reads `-0` as the float -0.0.
            int = !negative || (1..=1 << 63).contains(&magnitude);
            if int {
                return Ok(true);
            }
        }
        self.float(begin)
    }

    /// The number from `begin` to here as a float, accepted exactly when
    /// serde_json accepts it (it refuses one that overflows): its own
    /// parser decides, so the two cannot disagree near `f64::MAX`.
    fn float(&self, begin: usize) -> Result<bool, NoFit> {
        let text = std::str::from_utf8(&self.b[begin..self.i]).map_err(|_| NoFit)?;
        match text.parse::<serde_json::Number>() {
            Ok(_) => Ok(false),
            Err(_) => Err(NoFit),
        }
    }
}

/// `a == b` for two slices of the same length, eight bytes at a time and
/// inline: the size-optimised build calls `memcmp` for `==`, and that call
/// cost more than comparing a short key.
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while let (Some(x), Some(y)) = (a.get(i..i + 8), b.get(i..i + 8)) {
        if u64::from_le_bytes(x.try_into().unwrap_or([0; 8]))
            != u64::from_le_bytes(y.try_into().unwrap_or([0; 8]))
        {
            return false;
        }
        i += 8;
    }
    while let (Some(x), Some(y)) = (a.get(i), b.get(i)) {
        if x != y {
            return false;
        }
        i += 1;
    }
    true
}

/// The index of the field named by a key's raw text. APIs send fields in
/// a stable order, so the field after the one matched last (`hint`) is
/// tried before the binary search.
fn field(
    schemas: &Schemas,
    fields: &[Field],
    hint: usize,
    raw: &[u8],
    escaped: bool,
) -> Option<usize> {
    let decoded;
    let key: &[u8] = if escaped {
        // Rare enough to take the slow, exact decoder. Through `Value`, as
        // a typed `String` would link serde's error formatting (floats too).
        let quoted = [b"\"", raw, b"\""].concat();
        // `from_str` like every other parse here, so the wasm holds one
        // copy of serde_json's parser, not one per input reader.
        let quoted = std::str::from_utf8(&quoted).ok()?;
        decoded = match serde_json::from_str(quoted).ok()? {
            serde_json::Value::String(s) => s,
            _ => return None,
        };
        decoded.as_bytes()
    } else {
        raw
    };
    let name = |f: &Field| schemas.name(f);
    if fields.get(hint).is_some_and(|f| name(f) == key) {
        return Some(hint);
    }
    fields.binary_search_by(|f| name(f).cmp(key)).ok()
}

// proptest is a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "schema_scan_tests.rs"]
mod tests;
