// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title EscrowMath
/// @notice The two divisions that decide who gets what. Kept pure and in one place so the
///         Python trace model can mirror them exactly.
library EscrowMath {
    uint256 internal constant BPS = 10_000; // basis points in a whole

    /// @notice Amount a milestone releases: its share of the final raised amount, rounded down,
    ///         except that the last milestone to be released takes everything not yet released,
    ///         so rounding never strands funds.
    function milestoneAmount(uint256 raised, uint256 released, uint256 bps, bool isLast)
        internal
        pure
        returns (uint256)
    {
        if (isLast) return raised - released;
        return (raised * bps) / BPS;
    }

    /// @notice A donor's refund: their share of what was never released, rounded down.
    ///         Rounding leaves at most one wei per donor in escrow (dust).
    function refundAmount(uint256 contributed, uint256 raised, uint256 released) internal pure returns (uint256) {
        if (raised == 0) return 0;
        return (contributed * (raised - released)) / raised;
    }
}
