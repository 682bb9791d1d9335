//! The best one-to-one assignment between two sides of a weighted
//! bipartite graph: the solver under `matching`'s rounds, apart from what
//! the weights mean. Edges are first split into connected groups, because
//! the Hungarian method costs O(n²m) and a group is usually one or two marks
//! on each side, never a whole article.

/// Edges `(a, b)` (a in `0..n_a`, b in `0..n_b`) grouped by connected
/// component: each group lists indices into `edges`, in order; the groups
/// come in the order of their first edge.
pub(super) fn groups(edges: &[(usize, usize)], n_a: usize, n_b: usize) -> Vec<Vec<usize>> {
    // Union-find over both sides: a at i, b at n_a + j.
    let mut parent: Vec<usize> = (0..n_a + n_b).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for &(i, j) in edges {
        let (ra, rb) = (root(&mut parent, i), root(&mut parent, n_a + j));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut slot_of_root = vec![usize::MAX; n_a + n_b];
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (e, &(i, _)) in edges.iter().enumerate() {
        let r = root(&mut parent, i);
        if slot_of_root[r] == usize::MAX {
            slot_of_root[r] = out.len();
            out.push(Vec::new());
        }
        out[slot_of_root[r]].push(e);
    }
    out
}

/// The maximum-weight one-to-one pairs of an `n` x `m` matrix (`n <= m`,
/// row-major; 0 means no edge, every edge weighs more): `(row, column)`
/// pairs, by row. Rows may stay unpaired, which is what weight 0 stands for.
pub(super) fn max_weight(weights: &[i128], n: usize, m: usize) -> Vec<(usize, usize)> {
    let cost: Vec<i128> = weights.iter().map(|w| -w).collect();
    hungarian(&cost, n, m)
        .into_iter()
        .enumerate()
        .filter(|&(r, c)| weights[r * m + c] > 0)
        .collect()
}

/// Minimum-cost assignment of `n` rows to distinct columns of `m >= n`
/// (costs row-major): the column of each row. The potentials method in
/// O(n²m), after Kuhn and Munkres.
fn hungarian(cost: &[i128], n: usize, m: usize) -> Vec<usize> {
    const INF: i128 = i128::MAX / 4;
    // 1-based, with row and column 0 as the sentinel.
    let mut u = vec![0i128; n + 1];
    let mut v = vec![0i128; m + 1];
    let mut row_of = vec![0usize; m + 1];
    let mut way = vec![0usize; m + 1];
    for i in 1..=n {
        row_of[0] = i;
        let mut j0 = 0;
        let mut min_to = vec![INF; m + 1];
        let mut used = vec![false; m + 1];
        loop {
            used[j0] = true;
            let i0 = row_of[j0];
            let mut delta = INF;
            let mut j1 = 0;
            for j in 1..=m {
                if used[j] {
                    continue;
                }
                let reduced = cost[(i0 - 1) * m + (j - 1)] - u[i0] - v[j];
                if reduced < min_to[j] {
                    min_to[j] = reduced;
                    way[j] = j0;
                }
                if min_to[j] < delta {
                    delta = min_to[j];
                    j1 = j;
                }
            }
            for j in 0..=m {
                if used[j] {
                    u[row_of[j]] += delta;
                    v[j] -= delta;
                } else {
                    min_to[j] -= delta;
                }
            }
            j0 = j1;
            if row_of[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            row_of[j0] = row_of[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut col_of = vec![0; n];
    for j in 1..=m {
        if row_of[j] != 0 {
            col_of[row_of[j] - 1] = j - 1;
        }
    }
    col_of
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The best total by trying every assignment.
    fn brute(w: &[i128], n: usize, m: usize) -> i128 {
        fn go(r: usize, w: &[i128], n: usize, m: usize, used: &mut [bool]) -> i128 {
            if r == n {
                return 0;
            }
            let mut best = go(r + 1, w, n, m, used);
            for c in 0..m {
                if !used[c] && w[r * m + c] > 0 {
                    used[c] = true;
                    best = best.max(w[r * m + c] + go(r + 1, w, n, m, used));
                    used[c] = false;
                }
            }
            best
        }
        go(0, w, n, m, &mut vec![false; m])
    }

    #[test]
    fn the_hungarian_method_finds_the_best_total() {
        // A fixed pseudo-random walk over small matrices, some sparse.
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..500 {
            let n = 1 + (next() % 4) as usize;
            let m = n + (next() % 3) as usize;
            let w: Vec<i128> = (0..n * m)
                .map(|_| {
                    if next() % 3 == 0 {
                        0
                    } else {
                        (next() % 50) as i128 + 1
                    }
                })
                .collect();
            let got = max_weight(&w, n, m);
            let total: i128 = got.iter().map(|&(r, c)| w[r * m + c]).sum();
            assert_eq!(total, brute(&w, n, m), "{w:?} {n}x{m}");
            let mut cols: Vec<usize> = got.iter().map(|p| p.1).collect();
            cols.sort_unstable();
            cols.dedup();
            assert_eq!(cols.len(), got.len(), "one row per column");
        }
    }

    #[test]
    fn groups_are_the_connected_components() {
        let edges = [(0, 0), (1, 1), (0, 1), (2, 2), (3, 3), (3, 2)];
        assert_eq!(groups(&edges, 4, 4), [vec![0, 1, 2], vec![3, 4, 5]]);
    }
}
