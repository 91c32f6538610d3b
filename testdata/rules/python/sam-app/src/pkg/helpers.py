import subprocess


def render(evt):
    subprocess.check_call(["wkhtmltopdf", "in.html", "/tmp/out.pdf"])  # want "LMI005"
