/* code.c — STUB */
#include "internal.h"
