//! Reading a child's output pipe on its own thread, so a chatty child never
//! blocks on a full pipe, keeping at most [`OUTPUT_CAP_BYTES`] of it.

use std::io::Read;
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use super::OUTPUT_CAP_BYTES;

/// What one stream produced.
#[derive(Debug)]
pub(super) struct Captured {
    /// The kept bytes, as text.
    pub text: String,
    /// True when the stream wrote more than the cap (the rest was read and dropped).
    pub truncated: bool,
}

/// A pipe being read.
pub(super) struct Capture {
    kept: Arc<Mutex<(Vec<u8>, bool)>>,
    closed: Receiver<()>,
}

/// Starts reading `pipe` on a thread of its own.
pub(super) fn capture(pipe: Option<impl Read + Send + 'static>) -> Capture {
    let kept = Arc::new(Mutex::new((Vec::new(), false)));
    let (done, closed) = channel();
    let shared = Arc::clone(&kept);
    std::thread::spawn(move || {
        if let Some(mut pipe) = pipe {
            let mut chunk = vec![0; 64 * 1024];
            while let Ok(read) = pipe.read(&mut chunk) {
                if read == 0 {
                    break;
                }
                let mut kept = shared.lock().unwrap_or_else(PoisonError::into_inner);
                let room = OUTPUT_CAP_BYTES.saturating_sub(kept.0.len());
                kept.0.extend_from_slice(&chunk[..read.min(room)]);
                kept.1 |= read > room;
            }
        }
        let _ = done.send(());
    });
    Capture { kept, closed }
}

impl Capture {
    /// What was read, once the pipe closed or `grace` passed: a process
    /// that escaped its group may hold the pipe open forever.
    pub(super) fn finish(self, grace: Duration) -> Captured {
        let _ = self.closed.recv_timeout(grace);
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        Captured {
            text: String::from_utf8_lossy(&kept.0).into_owned(),
            truncated: kept.1,
        }
    }
}
