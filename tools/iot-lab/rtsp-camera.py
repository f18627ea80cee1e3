#!/usr/bin/env python3
"""A camera's RTSP service for the IoT lab and the demo: GStreamer's RTSP
server (gst-rtsp-server, through PyGObject) serving a small test pattern at
/live to one account, asking for Basic or Digest authentication.

usage: rtsp-camera.py ADDRESS PORT USER PASSWORD basic|digest
"""
import sys
import gi
gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import Gst, GstRtsp, GstRtspServer, GLib
address, port, user, password, method = sys.argv[1:6]
Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address(address)
server.set_service(port)
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch("( videotestsrc is-live=true ! video/x-raw,width=64,height=48 ! rtpvrawpay name=pay0 )")
factory.set_shared(True)
permissions = GstRtspServer.RTSPPermissions()
for permission in ("media.factory.access", "media.factory.construct"):
    permissions.add_permission_for_role("viewer", permission, True)
factory.set_permissions(permissions)
server.get_mount_points().add_factory("/live", factory)
auth = GstRtspServer.RTSPAuth()
token = GstRtspServer.RTSPToken()
token.set_string("media.factory.role", "viewer")
if method == "digest":
    auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
    auth.add_digest(user, password, token)
else:
    auth.set_supported_methods(GstRtsp.RTSPAuthMethod.BASIC)
    auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
server.set_auth(auth)
server.attach(None)
GLib.MainLoop().run()
