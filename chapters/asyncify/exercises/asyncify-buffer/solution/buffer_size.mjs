// Exercise asyncify-buffer: size the asyncify data buffer.
//
// check.mjs gives the asyncify driver a data buffer of DATA_BYTES bytes (after
// the 8-byte header at address 1024) and calls descend(4), which pauses five
// calls deep: descend(4), descend(3), ... descend(0), then fetch_number. The
// unwind saves what every one of those calls needs to resume, all at once.
//
// Every paused call of descend saves the same frame (see the pushes at the
// end of $descend in snapshots/asyncify/exercises/asyncify-buffer/descend.wasm-opt.snap):
// its call index (4 bytes) and the three i32 locals -O2 left it (12 bytes):
// $n and two temporaries that hold values across the call. Five paused
// calls of 16 bytes make 80. (A real program adds room to spare; the check
// asks for the exact size, to show the arithmetic holds.)
export const DATA_BYTES = 80;
