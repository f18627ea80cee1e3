// The unit that carries the precompiled headers (cmake/PrecompiledHeaders.cmake).
