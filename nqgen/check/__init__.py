"""Format checker (kiểm tra thể thức) for plan DOCX files: NĐ 30/2020 and the Party guidelines.

Public API: :func:`check_docx`, :class:`Report`, :class:`Finding`, :class:`CheckError`.
"""
