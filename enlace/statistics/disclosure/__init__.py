"""Statistical disclosure control for the aggregate tables Enlace publishes.

Published statistics (persons by nationality x sex, by age band x exploitation type, by
country x year ...) leave the closed network, so no reader may single out a victim from them.
This package is the pure engine behind every publication: it takes the true tables of a
release and decides which cells are shown, which are hidden, and how shown cells are rounded.
It imports nothing from Django so it can be tested exhaustively and benchmarked on its own.

Modules, one concern each (import from the package, not from them): `tables` (the table
model), `release` (a release's cells and the per-table closure), `joint` (the joint check
across linked tables and its fixes), `engine` (`protect`), `verify` (the independent exact
check), `graph` (graph and integer linear-algebra primitives).

The table model
---------------
A `Table` holds the interior cells of a two-way table; its row totals, column totals and grand
total are computed and are cells too, because they are published with it. Margins are keyed
with `TOTAL` ("__total__"): `(row, TOTAL)`, `(TOTAL, col)` and `(TOTAL, TOTAL)`. A one-way table
(a single variable) is a `Table` with one column (`Table.one_way`).

A reader who sees the published cells also knows the additivity equations: every row sums to
its row total, every column to its column total, and the totals to the grand total.

Primary suppression
-------------------
Every cell, interior or margin, whose value is in 1..k-1 is suppressed (k = 11 by default, the
threshold of the global data hub of the field). Zero is published by default: a zero is not a
person, and hiding zeros would mostly hide the absence of cases. `suppress_zeros=True` hides
them too, for releases where "nobody of nationality X" itself is sensitive (see limitations).

Secondary suppression and why it is exact
-----------------------------------------
Hiding the small cells is not enough: a hidden cell may be derived from the published ones
through the equations. The usual rule of thumb, "at least two suppressions in every row and
column", is not sufficient: two 2x2 cycles of suppressed cells joined by a single cell form a
pattern with two suppressions per line in which the joining cell is still determined.

The engine decides recoverability exactly. Flip the sign of the row and column totals and a
table with margins becomes an (m+1) x (n+1) array whose every row and every column sums to zero;
that is a flow on the complete bipartite graph between row nodes (rows and the total row) and
column nodes (columns and the total column), one edge per cell. Given the published cells, the
hidden values can move exactly along the cycles of the subgraph of hidden cells, so a hidden
cell is determined if and only if it lies on no cycle of hidden cells, i.e. it is a *bridge* of
that subgraph. This is the same statement as "its unit vector lies in the row space of the
constraint system restricted to the unknowns", proved by the cycle space of a graph; the
independent linear-algebra check `recoverable_cells` (exact integer elimination) confirms it and
is what the tests and the release writer use as a safety net.

Secondary suppression is therefore: while the hidden subgraph of a table has a bridge, add to
it the cheapest path that closes a cycle through the bridge (Dijkstra). A path's cost prefers
published cells of small value, then margins, and the grand total last; cells of value zero are
never used as complements (see guarantees). Each step turns at least one bridge into a cycle
edge and never creates a bridge, so the loop ends.

Linked tables of one release
----------------------------
Tables of one release share statistics: the nationality totals of "nationality x sex" and of
"nationality x age band" are the same numbers, and a one-way "nationality" table repeats them.
Such cells are one *release cell*: margins on a variable of the same name are linked when their
values are equal for every category (a category a table does not list counts as zero); grand
totals of equal value are linked (taken to count the same population); the interior cells of a
cross-tabulation published twice (even transposed) are linked. A linked cell is published or
suppressed in every table that shows it, with the same value.

Protection runs in two steps. First the per-table closure above, which hides a linked cell in
every table as soon as one table needs it and then closes those tables too. Second, an exact
check on the joint system of each group of linked tables, since a pattern safe in every table
can still be unsafe across them (see the tests for a 13-person example). The check reduces the
joint system to the linked hidden cells: contracting each table's private hidden cells leaves
one equation per contracted node, and their null space is exactly the projection of the joint
movements (a flow on the contracted graph extends along spanning trees); a private cell that is
a bridge among private cells moves as a linear form of the linked cells leaving its side of the
cut. A cell still determined gets a joint movement through it: for a linked margin, a partner
category of the same margin and, in every table showing both, a cycle through the two closed by
private cells (each table moves the two margins by +1 and -1, so the cycles agree); for a
private cell, a cycle of private cells, or one through a linked margin of its row or column as
above. Where none exists (tiny, mostly-zero tables) more published cells are hidden around the
cell: its row and column, its tables, the whole group. That ends, because once every positive
cell of a group is hidden the equations are homogeneous and the true table itself is a movement
of every positive cell.

Guarantees (for the result of `protect`)
----------------------------------------
1. No published cell, interior or margin, has a value in 1..k-1 (nor 0 with `suppress_zeros`).
2. Within each table, no suppressed cell is determined by the table's published cells and the
   additivity equations (over the rationals). With `suppress_zeros=False` every suppressed cell
   is positive, so each lies on a cycle of positive hidden cells that can shift by +1 or -1:
   the cell is not determined even by a reader who also uses that counts are non-negative
   integers.
3. Cells linked across tables (equal margins of a variable of the same name, equal grand
   totals) are published identically or suppressed in every table.
4. No suppressed cell is determined by the joint system of all linked tables of the release
   (over the rationals; the integer argument of 2 is not claimed across tables).
5. Published cells are the true values, or their rounding when `rounding` is given: rounding to
   a base is applied after suppression, to each published cell independently (margins are
   rounded on their own, so rounded cells need not add up to rounded totals); half rounds up.

Limitations
-----------
- Exact disclosure only: the reader may still bound a hidden cell (between 0 and a published
  total); no protection interval width is enforced.
- Published zeros can reveal group membership (a nationality whose only non-zero cell is
  hidden still tells the reader that all its persons share that cell's category); use
  `suppress_zeros=True` where that matters.
- Linking is by variable name and equal values. Tables of different populations whose
  same-named margins happen to be equal are linked, which only adds suppressions. Tables whose
  margins differ are not linked and nothing is claimed about differencing between them: a
  release with nested populations (all victims by nationality, and child victims by
  nationality) lets a reader subtract one from the other; do not publish such pairs together.
- Rounded tables are checked as if the rounded values were exact, which is conservative.
"""

from .engine import protect
from .joint import _Release
from .release import round_to_base
from .tables import (
    DEFAULT_K,
    SUPPRESSED,
    TOTAL,
    Cell,
    DisclosureError,
    ProtectedTable,
    Table,
)
from .verify import recoverable_cells, release_recoverable_cells

__all__ = [
    "DEFAULT_K",
    "SUPPRESSED",
    "TOTAL",
    "Cell",
    "DisclosureError",
    "ProtectedTable",
    "Table",
    "_Release",
    "protect",
    "recoverable_cells",
    "release_recoverable_cells",
    "round_to_base",
]
