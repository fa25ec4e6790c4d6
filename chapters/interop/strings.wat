;; Text crosses the boundary as bytes: JavaScript writes UTF-8 into the
;; module's memory and passes a pointer and a length; wasm answers the same way.
(module
  ;; ANCHOR: memory
  (memory (export "memory") 1)

  ;; The first free byte. Bytes below 1024 are left unused.
  (global $next_free (mut i32) (i32.const 1024))

  ;; Hands out `len` fresh bytes and never takes them back: a bump allocator.
  ;; When they do not fit, it grows the memory by as many pages as needed.
  (func $alloc (export "alloc") (param $len i32) (result i32)
    (local $start i32)
    (local $end i32)
    (local.set $start (global.get $next_free))
    (local.set $end (i32.add (local.get $start) (local.get $len)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eq
              (memory.grow
                (i32.div_u
                  (i32.sub
                    (i32.add (local.get $end) (i32.const 65535))
                    (i32.mul (memory.size) (i32.const 65536)))
                  (i32.const 65536)))
              (i32.const -1))
          (then unreachable))))
    (global.set $next_free (local.get $end))
    (local.get $start))
  ;; ANCHOR_END: memory

  ;; ANCHOR: count
  ;; Counts the code points in the UTF-8 text at [ptr, ptr + len). Every byte
  ;; starts one, except the continuation bytes 0b10xxxxxx.
  (func (export "count_code_points") (param $ptr i32) (param $len i32) (result i32)
    (local $end i32)
    (local $count i32)
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    (block $done
      (loop $next_byte
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (if (i32.ne (i32.and (i32.load8_u (local.get $ptr)) (i32.const 0xC0)) (i32.const 0x80))
          (then (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (br $next_byte)))
    (local.get $count))
  ;; ANCHOR_END: count

  ;; ANCHOR: greet
  ;; "¡hola, " in UTF-8: the first character takes two bytes.
  (data $hola "\c2\a1hola, ")

  ;; Writes "¡hola, <name>!" into fresh memory and returns where it starts and
  ;; how many bytes it has: two results, which JavaScript receives as an array.
  (func (export "greet") (param $name i32) (param $name_len i32) (result i32 i32)
    (local $out i32)
    (local $len i32)
    (local.set $len (i32.add (local.get $name_len) (i32.const 9)))
    (local.set $out (call $alloc (local.get $len)))
    (memory.init $hola (local.get $out) (i32.const 0) (i32.const 8))
    (memory.copy
      (i32.add (local.get $out) (i32.const 8)) (local.get $name) (local.get $name_len))
    (i32.store8 (i32.add (local.get $out) (i32.sub (local.get $len) (i32.const 1))) (i32.const 0x21))
    (local.get $out)
    (local.get $len))
  ;; ANCHOR_END: greet
)
