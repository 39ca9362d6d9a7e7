// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Test only: an account that refuses ETH, acting as a donor or a beneficiary.
contract EthRefuser {
    /// @notice Forward a call (with value) as this contract, bubbling any revert.
    function execute(address target, bytes calldata data) external payable returns (bytes memory) {
        (bool ok, bytes memory result) = target.call{value: msg.value}(data);
        if (!ok) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
        return result;
    }

    receive() external payable {
        revert("EthRefuser: no ETH");
    }
}
