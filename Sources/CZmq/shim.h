#ifndef ASSAY_CZMQ_SHIM_H
#define ASSAY_CZMQ_SHIM_H
#include <zmq.h>
#endif
