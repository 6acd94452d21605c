"""bottleneck, pandas and numbagg computing the same rolling statistics, where installed."""
import numpy as np
import pytest

from bench import cases, data, peers
from bench.conftest import DTYPES, SIZES, size_id

PEERS = peers.available()


@pytest.mark.skipif(not PEERS, reason="none of bottleneck, pandas, numbagg is installed")
@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("n", SIZES, ids=size_id)
@pytest.mark.parametrize("peer", PEERS, ids=[f"{p.case}-{p.impl}" for p in PEERS])
def test_peer(run_bench, peer, n, dtype):
    case = cases.BY_NAME[peer.case]
    fn = peer.callable(case, data.market(n, dtype))
    run_bench(fn, n, f"{case.name} n={size_id(n)} {np.dtype(dtype).name}", note=peer.note)
