/* date.c — STUB */
#include "internal.h"
