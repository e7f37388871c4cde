#ifndef TUNDISH_COPENSSL_SHIM_H
#define TUNDISH_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/sha.h>
#endif
