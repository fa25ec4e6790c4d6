// Exercise asyncify-buffer: size the asyncify data buffer.
//
// check.mjs gives the asyncify driver a data buffer of DATA_BYTES bytes (after
// the 8-byte header at address 1024) and calls descend(4), which pauses five
// calls deep: descend(4), descend(3), ... descend(0), then fetch_number. The
// unwind saves what every one of those calls needs to resume, all at once.
//
// TODO: 16 bytes are not enough. Choose the smallest size that holds the whole
// unwound stack, with no byte to spare: a multiple of 4 (the module leaves
// 1016 free, but the check wants the size the unwind needs, not the most).
export const DATA_BYTES = 16;
