//! Spreading independent work over a few threads, with results in the
//! order of the input: saving many files at once (where the cost is
//! fsync), parsing a case's files, grading a class, and comparing every
//! pair of annotators. Scoped threads borrow the input, so nothing is
//! copied or shared behind a lock, and the results come back in input
//! order, so callers can tell which result belongs to which item. It
//! imports nothing of Candor's, so the lowest modules (storage) can use it.

/// One thread per core, up to `max`: what CPU-bound work asks for.
pub fn cores(max: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(max)
}

/// Cuts `items` into at most `threads` runs of equal length (the last one
/// shorter), calls `f` on each run on a thread of its own and returns what
/// each call returned, in the order of the runs. With fewer than two
/// threads, or at most one run, `f` is called once on all of `items`, on
/// this thread (an empty `items` too).
pub fn par_chunks<T, R, F>(items: &[T], threads: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&[T]) -> R + Sync,
{
    if threads < 2 || items.len() < 2 {
        return vec![f(items)];
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || f(part)))
            .collect();
        handles
            .into_iter()
            // A panic in `f` is a bug: pass it on rather than lose track of
            // which result belongs to which run.
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// `f` on every item, spread over at most `threads` threads as
/// [`par_chunks`] spreads them; the results are in the order of `items`.
pub fn par_map<T, R, F>(items: &[T], threads: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    if threads < 2 {
        return items.iter().map(f).collect();
    }
    par_chunks(items, threads, |part| {
        part.iter().map(&f).collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u32> = (0..1000).collect();
        for threads in [1, 2, 3, 8, 64] {
            let out = par_map(&items, threads, |x| x * 2);
            assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn uneven_splits_give_every_item_once_in_at_most_so_many_runs() {
        let items: Vec<usize> = (0..10).collect();
        for threads in 2..=12 {
            let runs = par_chunks(&items, threads, <[usize]>::to_vec);
            assert!(runs.len() <= threads, "{threads}: {runs:?}");
            // Runs of equal length but the last, which is shorter.
            let first = runs[0].len();
            assert!(runs[..runs.len() - 1].iter().all(|r| r.len() == first));
            assert!(runs[runs.len() - 1].len() <= first);
            assert_eq!(runs.concat(), items, "{threads}");
        }
        // 10 items on 4 threads: 3, 3, 3 and 1, as `div_ceil` cuts them.
        let lens: Vec<usize> = par_chunks(&items, 4, <[usize]>::len);
        assert_eq!(lens, [3, 3, 3, 1]);
    }

    #[test]
    fn each_run_is_on_a_thread_of_its_own() {
        let items: Vec<u8> = vec![0; 8];
        let seen = Mutex::new(Vec::new());
        par_chunks(&items, 4, |_| {
            seen.lock().expect("lock").push(std::thread::current().id())
        });
        let mut seen = seen.into_inner().expect("lock");
        seen.push(std::thread::current().id());
        seen.sort_by_key(|id| format!("{id:?}"));
        seen.dedup();
        assert_eq!(seen.len(), 5, "four runs on four threads, none here");
    }

    #[test]
    fn one_thread_or_one_item_runs_here_in_one_call() {
        let here = std::thread::current().id();
        let runs = par_chunks(&[1, 2, 3], 1, |part| {
            (part.len(), std::thread::current().id())
        });
        assert_eq!(runs, [(3, here)]);
        let runs = par_chunks(&[1], 8, |part| (part.len(), std::thread::current().id()));
        assert_eq!(runs, [(1, here)]);
    }

    #[test]
    fn empty_input_gives_no_results_and_one_empty_run() {
        let none: [u32; 0] = [];
        assert!(par_map(&none, 8, |x| x + 1).is_empty());
        assert_eq!(par_chunks(&none, 8, <[u32]>::len), [0]);
        assert!(cores(8) >= 1 && cores(8) <= 8);
    }

    #[test]
    fn a_panic_on_a_thread_is_passed_on() {
        let items: Vec<u32> = (0..100).collect();
        let caught = std::panic::catch_unwind(|| {
            par_map(&items, 4, |&x| {
                assert!(x != 77, "item 77 is bad");
                x
            })
        });
        let payload = caught.expect_err("the panic reaches the caller");
        let message = payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        assert!(message.contains("item 77 is bad"), "{message}");
    }
}
