"""nqgen — soạn Kế hoạch triển khai Nghị quyết 57-NQ/TW cho xã, phường, đặc khu.

Pipeline (DESIGN.md): profile + clause library -> compose -> Plan -> render (docxtpl) -> check.
"""

__version__ = "0.1.0"
