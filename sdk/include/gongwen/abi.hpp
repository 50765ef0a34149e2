// The SDK ABI version. A plugin records the version it was compiled against; the host loads
// only plugins whose version equals its own. Bump it whenever the layout of Document,
// PluginSetup, Plugin or PluginDescriptor changes (policy: docs/sdk.md).
#pragma once

#define GONGWEN_SDK_ABI_VERSION 1u
#define GONGWEN_SDK_VERSION "0.1.0"

namespace gongwen {
inline constexpr unsigned sdk_abi_version = GONGWEN_SDK_ABI_VERSION;
}
