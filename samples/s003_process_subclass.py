from multiprocessing import Process
import os

class Myprocess(Process):
    def __init__(self,name):
        Process.__init__(self)
        self.name = name
    def run(self):
        print(os.getpid())
        print(self.name+' is running')
if __name__=='__main__':
    p1 = Myprocess('1')
    p2=Myprocess('2')
    p3=Myprocess('3')

    p1.start()
    p2.start()
    p3.start()
